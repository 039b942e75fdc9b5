using System.Collections.Generic;
using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace Ops.Controllers
{
    [ApiController]
    public class LogCleanupController : ControllerBase
    {
        private static readonly HashSet<string> Rotated = new HashSet<string> { "app.log.1", "app.log.2", "app.log.3" };

        [HttpDelete("api/logs")]
        public IActionResult Delete([FromHeader(Name = "X-Log-File")] string logFile)
        {
            if (!Rotated.Contains(logFile))
            {
                return BadRequest();
            }
            System.IO.File.Delete(Path.Combine("/var/log/app", logFile));
            return NoContent();
        }
    }
}
