using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace Web.Controllers
{
    [ApiController]
    public class ThemeController : ControllerBase
    {
        private static string ThemeFile(string theme)
        {
            return Path.Combine("wwwroot", "themes", theme + ".css");
        }

        [HttpGet("theme.css")]
        public IActionResult Css()
        {
            string theme = Request.Cookies["theme"] ?? "light";
            return PhysicalFile(Path.GetFullPath(ThemeFile(theme)), "text/css");
        }
    }
}
