using Microsoft.AspNetCore.Mvc;

namespace Wiki.Controllers
{
    public class WikiController : Controller
    {
        [HttpGet("/wiki/{page}")]
        public IActionResult Missing(int page)
        {
            Response.StatusCode = 404;
            return Content($"<h1>Page {page} does not exist</h1><a href=\"/wiki/new\">Create it</a>", "text/html");
        }
    }
}
