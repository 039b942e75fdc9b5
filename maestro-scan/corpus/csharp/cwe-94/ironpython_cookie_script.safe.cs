using IronPython.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Reports.Controllers
{
    [ApiController]
    public class ColumnFormatController : ControllerBase
    {
        [HttpGet("api/reports/format")]
        public IActionResult Format()
        {
            string fmt = Request.Cookies["columnFormat"] ?? "value";
            var engine = Python.CreateEngine();
            var scope = engine.CreateScope();
            scope.SetVariable("value", 1234.5);
            scope.SetVariable("fmt", fmt);
            var result = engine.Execute("format(value, fmt if fmt in ('.2f', ',') else '')", scope);
            return Ok((string)result);
        }
    }
}
