using System.IO;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Exports.Controllers
{
    public class ExportRequest
    {
        public string Name { get; set; }
        public string Csv { get; set; }
    }

    [ApiController]
    public class ExportController : ControllerBase
    {
        private const string ExportDir = "/var/lib/app/exports";

        [HttpPost("api/exports")]
        public IActionResult Save([FromBody] ExportRequest req)
        {
            System.IO.File.WriteAllText(Path.Combine(ExportDir, req.Name), req.Csv);
            return Created("/exports/" + req.Name, null);
        }
    }
}
