using Microsoft.AspNetCore.Mvc;

namespace Greet.Controllers
{
    public class HelloController : Controller
    {
        [HttpGet("/hello")]
        public IActionResult Hello([FromQuery] string name)
        {
            return Content("<html><body><h1>Hello, " + name + "</h1></body></html>", "text/html");
        }
    }
}
