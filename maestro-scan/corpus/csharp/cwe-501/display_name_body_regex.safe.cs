using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Prefs.Controllers
{
    public class DisplayNameRequest
    {
        public string DisplayName { get; set; }
    }

    public class DisplayNameController : Controller
    {
        private static readonly Regex Name = new Regex(@"^[\p{L} .'-]{1,40}$");

        [HttpPost("/prefs/display-name")]
        public IActionResult Update([FromBody] DisplayNameRequest req)
        {
            if (req.DisplayName == null || !Name.IsMatch(req.DisplayName))
            {
                return BadRequest();
            }
            HttpContext.Session.SetString("DisplayName", req.DisplayName);
            return NoContent();
        }
    }
}
