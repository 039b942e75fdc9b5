using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FileShare.Controllers
{
    [ApiController]
    public class ShareListingController : ControllerBase
    {
        private static readonly HashSet<string> Shares = new HashSet<string> { "public", "reports", "archive" };

        [HttpGet("api/shares/{share}/listing")]
        public IActionResult Listing(string share)
        {
            var psi = new ProcessStartInfo
            {
                FileName = "cmd.exe",
                Arguments = "/c dir D:\\shares\\" + share,
                RedirectStandardOutput = true,
                UseShellExecute = false
            };
            var proc = Process.Start(psi);
            return Content(proc.StandardOutput.ReadToEnd(), "text/plain");
        }
    }
}
