using Microsoft.AspNetCore.Mvc;

namespace Diag.Controllers
{
    public class BrowserController : Controller
    {
        [HttpGet("/browser")]
        public IActionResult Browser([FromHeader(Name = "User-Agent")] string userAgent)
        {
            return Content("<div class=\"banner\">You are using: " + userAgent + "</div>", "text/html");
        }
    }
}
