using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Admin.Controllers
{
    [ApiController]
    public class ServiceStatusController : ControllerBase
    {
        private static readonly Regex ServiceName = new Regex("^[A-Za-z0-9_.-]{1,64}$");

        [HttpGet("api/admin/service-status")]
        public IActionResult Status()
        {
            string service = Request.Cookies["lastService"] ?? "W3SVC";
            var psi = new ProcessStartInfo("powershell.exe", "-NoProfile -Command Get-Service " + service)
            {
                RedirectStandardOutput = true
            };
            var p = Process.Start(psi);
            return Content(p.StandardOutput.ReadToEnd(), "text/plain");
        }
    }
}
