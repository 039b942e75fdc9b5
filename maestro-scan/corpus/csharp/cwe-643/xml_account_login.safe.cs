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
            foreach (XmlNode account in _accounts.SelectNodes("//account"))
            {
                if (account["name"]?.InnerText == username && account["secret"]?.InnerText == password)
                {
                    return Ok();
                }
            }
            return Unauthorized();
        }
    }
}
