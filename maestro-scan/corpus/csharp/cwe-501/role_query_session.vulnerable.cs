using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Admin.Controllers
{
    public class RoleController : Controller
    {
        private static readonly HashSet<string> Roles = new HashSet<string> { "viewer", "editor" };

        [HttpPost("/role/switch")]
        public IActionResult Switch([FromQuery] string role)
        {
            HttpContext.Session.SetString("Role", role);
            return Redirect("/dashboard");
        }
    }
}
