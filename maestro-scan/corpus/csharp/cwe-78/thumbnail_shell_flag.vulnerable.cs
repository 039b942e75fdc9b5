using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Media.Controllers
{
    [ApiController]
    public class ThumbnailController : ControllerBase
    {
        private const bool UseShell = true;

        [HttpPost("api/thumbnails")]
        public IActionResult Create([FromForm] string size)
        {
            Process p;
            if (UseShell)
            {
                p = Process.Start("/bin/sh", "-c \"vipsthumbnail in.jpg -s " + size + "\"");
            }
            else
            {
                var psi = new ProcessStartInfo("vipsthumbnail");
                psi.ArgumentList.Add("in.jpg");
                psi.ArgumentList.Add("-s");
                psi.ArgumentList.Add(size);
                p = Process.Start(psi);
            }
            return Ok(p.Id);
        }
    }
}
