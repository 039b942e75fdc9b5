using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Profiles.Controllers
{
    [ApiController]
    public class AvatarController : ControllerBase
    {
        [HttpPost("api/profile/avatar")]
        public async Task<IActionResult> Upload(IFormFile avatar)
        {
            string target = Path.Combine("wwwroot", "avatars", Path.GetFileName(avatar.FileName));
            using (var stream = new FileStream(target, FileMode.Create))
            {
                await avatar.CopyToAsync(stream);
            }
            return Ok(new { path = "/avatars/" + Path.GetFileName(target) });
        }
    }
}
