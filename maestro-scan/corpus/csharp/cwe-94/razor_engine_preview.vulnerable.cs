using Microsoft.AspNetCore.Mvc;
using RazorEngine;
using RazorEngine.Templating;

namespace Mail.Controllers
{
    public class PreviewModel
    {
        public string Name { get; set; }
        public string Body { get; set; }
    }

    [ApiController]
    public class MailPreviewController : ControllerBase
    {
        [HttpPost("api/mail/preview")]
        public IActionResult Preview([FromForm] string template)
        {
            var model = new PreviewModel { Name = "Ada" };
            string html = Engine.Razor.RunCompile(template, "preview-" + template.GetHashCode(), typeof(PreviewModel), model);
            return Content(html, "text/html");
        }
    }
}
