using Jint;
using Microsoft.AspNetCore.Mvc;

namespace Checkout.Controllers
{
    [ApiController]
    public class DiscountController : ControllerBase
    {
        private const string Script = "function applyDiscount(code) { return code === 'SPRING' ? 0.15 : 0; }";

        [HttpGet("api/discount")]
        public IActionResult Discount([FromHeader(Name = "X-Promo-Code")] string promo)
        {
            var engine = new Engine().Execute(Script);
            var rate = engine.Evaluate("applyDiscount('" + promo + "')").AsNumber();
            return Ok(rate);
        }
    }
}
