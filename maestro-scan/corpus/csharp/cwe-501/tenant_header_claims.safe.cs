using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tenancy.Controllers
{
    public class TenantController : Controller
    {
        [HttpPost("/tenant/select")]
        public IActionResult Select()
        {
            string tenant = User.FindFirst("tenant_id")?.Value ?? "default";
            HttpContext.Session.SetString("TenantId", tenant);
            return Ok(tenant);
        }
    }
}
