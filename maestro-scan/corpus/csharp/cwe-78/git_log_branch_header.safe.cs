using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Repo.Controllers
{
    [ApiController]
    public class RepoLogController : ControllerBase
    {
        [HttpGet("api/repo/log")]
        public IActionResult Log([FromHeader(Name = "X-Branch")] string branch)
        {
            var psi = new ProcessStartInfo
            {
                FileName = "git",
                ArgumentList = { "log", "--oneline", "-n", "20", "--end-of-options", branch },
                WorkingDirectory = "/srv/git/site.git",
                RedirectStandardOutput = true
            };
            using (var p = Process.Start(psi))
            {
                return Content(p.StandardOutput.ReadToEnd(), "text/plain");
            }
        }
    }
}
