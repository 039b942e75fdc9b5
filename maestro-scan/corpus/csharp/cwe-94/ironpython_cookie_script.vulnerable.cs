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
            var result = engine.Execute("str(" + fmt + ")", scope);
            return Ok((string)result);
        }
    }
}
