using Microsoft.AspNetCore.Mvc;

namespace Docs.Controllers
{
    public class DocsController : Controller
    {
        private const bool AllowExternalDocs = true;

        [HttpGet("/docs/go")]
        public IActionResult Go([FromQuery] string url)
        {
            if (AllowExternalDocs)
            {
                return RedirectPermanent(url);
            }
            return RedirectPermanent("/docs");
        }
    }
}
