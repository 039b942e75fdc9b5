using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;

namespace Greet.Controllers
{
    public class HelloController : Controller
    {
        [HttpGet("/hello")]
        public IActionResult Hello([FromQuery] string name)
        {
            return Content("<html><body><h1>Hello, " + HtmlEncoder.Default.Encode(name) + "</h1></body></html>", "text/html");
        }
    }
}
