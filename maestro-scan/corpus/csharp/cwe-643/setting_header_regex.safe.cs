using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Settings.Controllers
{
    [ApiController]
    public class SettingController : ControllerBase
    {
        private readonly XmlDocument _settings;

        public SettingController(XmlDocument settings)
        {
            _settings = settings;
        }

        [HttpGet("api/settings/value")]
        public IActionResult Value([FromHeader(Name = "X-Setting")] string key)
        {
            if (!Regex.IsMatch(key ?? "", "^[A-Za-z0-9_.-]{1,40}$"))
            {
                return BadRequest();
            }
            XmlNodeList values = _settings.SelectNodes("/settings/entry[@key='" + key + "']/value");
            return values.Count == 0 ? (IActionResult)NotFound() : Ok(values[0].InnerText);
        }
    }
}
