using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc;

namespace Onboarding.Controllers
{
    public class ResumeController : Controller
    {
        private static readonly Dictionary<string, string> Steps = new Dictionary<string, string>
        {
            ["profile"] = "/onboarding/profile",
            ["billing"] = "/onboarding/billing"
        };

        [HttpGet("/onboarding/resume")]
        public IActionResult Resume()
        {
            string location;
            if (!Steps.TryGetValue(Request.Cookies["resume_at"] ?? "", out location))
            {
                location = "/onboarding";
            }
            Response.Headers["Location"] = location;
            return StatusCode(302);
        }
    }
}
