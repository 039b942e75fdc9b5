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
            XElement role = XDocument.Load(UsersFile).Descendants("user")
                .Where(u => (string)u.Attribute("name") == user)
                .Select(u => u.Element("role"))
                .FirstOrDefault();
            return role == null ? (IActionResult)NotFound() : Ok(role.Value);
        }
    }
}
