using System;
using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace Reports.Controllers
{
    [ApiController]
    public class ReportController : ControllerBase
    {
        private static readonly string Root = Path.GetFullPath("/data/reports");

        [HttpGet("api/reports/{*name}")]
        public IActionResult Get(string name)
        {
            string full = Path.Combine(Root, name);
            byte[] bytes = System.IO.File.ReadAllBytes(full);
            return File(bytes, "text/csv");
        }
    }
}
