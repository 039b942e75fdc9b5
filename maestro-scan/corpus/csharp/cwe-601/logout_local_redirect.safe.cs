using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Identity.Controllers
{
    public class LogoutController : Controller
    {
        [HttpPost("/account/logout")]
        public async Task<IActionResult> Logout([FromForm] string next = "/")
        {
            await HttpContext.SignOutAsync();
            return LocalRedirect(next);
        }
    }
}
