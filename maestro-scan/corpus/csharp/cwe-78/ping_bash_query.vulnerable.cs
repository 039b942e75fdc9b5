using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace NetDiag.Controllers
{
    [ApiController]
    public class PingController : ControllerBase
    {
        [HttpGet("api/diag/ping")]
        public IActionResult Ping([FromQuery] string host)
        {
            var psi = new ProcessStartInfo("/bin/bash", "-c \"ping -c 2 " + host + "\"")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false
            };
            using (var p = Process.Start(psi))
            {
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return Content(output, "text/plain");
            }
        }
    }
}
