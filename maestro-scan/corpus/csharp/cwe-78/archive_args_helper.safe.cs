using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Exports.Controllers
{
    public class ArchiveRequest
    {
        public string Folder { get; set; }
    }

    [ApiController]
    public class ArchiveController : ControllerBase
    {
        private static ProcessStartInfo ZipCommand(string folder)
        {
            var psi = new ProcessStartInfo("zip");
            psi.ArgumentList.Add("-r");
            psi.ArgumentList.Add("/tmp/export.zip");
            psi.ArgumentList.Add("/srv/share/" + folder);
            return psi;
        }

        [HttpPost("api/archive")]
        public IActionResult Archive([FromBody] ArchiveRequest req)
        {
            var p = Process.Start(ZipCommand(req.Folder));
            p.WaitForExit();
            return p.ExitCode == 0 ? Ok() : StatusCode(500);
        }
    }
}
