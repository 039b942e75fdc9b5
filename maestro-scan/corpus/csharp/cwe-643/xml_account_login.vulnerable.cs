using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Legacy.Controllers
{
    [ApiController]
    public class XmlLoginController : ControllerBase
    {
        private readonly XmlDocument _accounts;

        public XmlLoginController(XmlDocument accounts)
        {
            _accounts = accounts;
        }

        [HttpPost("api/legacy/login")]
        public IActionResult Login([FromForm] string username, [FromForm] string password)
        {
            string expr = "//account[name/text()='" + username + "' and secret/text()='" + password + "']";
            XmlNodeList hits = _accounts.SelectNodes(expr);
            return hits.Count == 1 ? (IActionResult)Ok() : Unauthorized();
        }
    }
}
