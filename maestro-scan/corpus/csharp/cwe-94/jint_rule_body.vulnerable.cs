using System.IO;
using System.Threading.Tasks;
using Jint;
using Microsoft.AspNetCore.Mvc;

namespace Rules.Controllers
{
    [ApiController]
    public class RuleCheckController : ControllerBase
    {
        [HttpPost("api/rules/check")]
        public async Task<IActionResult> Check()
        {
            string body = await new StreamReader(Request.Body).ReadToEndAsync();
            var engine = new Engine();
            engine.Execute("function isValid(v) { return v.length > 0 && v.length < 64; }");
            var result = engine.Evaluate(body);
            return Ok(result.ToString());
        }
    }
}
