using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace Quota.Controllers
{
    [ApiController]
    public class QuotaController : ControllerBase
    {
        [HttpGet("api/quota/check")]
        public async Task<IActionResult> Check([FromQuery] string limit)
        {
            int used = 42;
            string code = $"{used} < {limit}";
            bool within = await CSharpScript.EvaluateAsync<bool>(code);
            return Ok(within);
        }
    }
}
