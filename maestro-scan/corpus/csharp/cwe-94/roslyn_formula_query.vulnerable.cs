using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace Pricing.Controllers
{
    public class PriceGlobals
    {
        public double BasePrice = 120.0;
    }

    [ApiController]
    public class QuoteController : ControllerBase
    {
        private static readonly Dictionary<string, string> Formulas = new Dictionary<string, string>
        {
            ["member"] = "BasePrice * 0.9",
            ["standard"] = "BasePrice"
        };

        [HttpGet("api/quote")]
        public async Task<IActionResult> Quote([FromQuery] string formula)
        {
            string code = formula;
            double price = await CSharpScript.EvaluateAsync<double>(code, globals: new PriceGlobals());
            return Ok(price);
        }
    }
}
