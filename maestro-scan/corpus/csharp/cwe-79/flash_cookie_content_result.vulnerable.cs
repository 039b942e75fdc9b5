using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Controllers
{
    public class DashboardController : Controller
    {
        [HttpGet("/dashboard")]
        public IActionResult Index()
        {
            string flash = Request.Cookies["flash"] ?? "";
            return new ContentResult
            {
                ContentType = "text/html",
                Content = "<body><p class=\"flash\">" + flash + "</p><main>Dashboard</main></body>"
            };
        }
    }
}
