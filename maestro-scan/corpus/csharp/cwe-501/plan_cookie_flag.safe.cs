using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Controllers
{
    public class PlanSyncController : Controller
    {
        private const bool TrustPlanCookie = false;

        [HttpPost("/billing/sync")]
        public IActionResult Sync()
        {
            string plan = Request.Cookies["plan"];
            if (TrustPlanCookie && plan != null)
            {
                HttpContext.Session.SetString("Plan", plan);
            }
            else
            {
                HttpContext.Session.SetString("Plan", "free");
            }
            return Ok();
        }
    }
}
