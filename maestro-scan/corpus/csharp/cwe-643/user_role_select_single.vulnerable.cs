using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc;

namespace Roles.Controllers
{
    [ApiController]
    public class RoleController : ControllerBase
    {
        private const string UsersFile = "/etc/app/users.xml";

        [HttpGet("api/roles")]
        public IActionResult Role([FromQuery] string user)
        {
            var doc = new XmlDocument();
            doc.Load(UsersFile);
            XmlNode node = doc.SelectSingleNode("/users/user[@name='" + user + "']/role");
            return node == null ? (IActionResult)NotFound() : Ok(node.InnerText);
        }
    }
}
