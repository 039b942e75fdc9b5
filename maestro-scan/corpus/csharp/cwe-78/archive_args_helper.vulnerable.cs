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
            return new ProcessStartInfo("/bin/sh", "-c \"zip -r /tmp/export.zip /srv/share/" + folder + "\"");
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
