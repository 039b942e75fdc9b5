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
            var psi = new ProcessStartInfo("ping")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("2");
            psi.ArgumentList.Add(host);
            using (var p = Process.Start(psi))
            {
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return Content(output, "text/plain");
            }
        }
    }
}
