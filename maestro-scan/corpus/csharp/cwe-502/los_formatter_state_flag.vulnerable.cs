using System.Web.UI;
using Microsoft.AspNetCore.Mvc;

namespace Wizard.Controllers
{
    [ApiController]
    public class WizardController : ControllerBase
    {
        private const bool AcceptLegacyState = true;

        [HttpPost("api/wizard/resume")]
        public IActionResult Resume([FromForm] string state)
        {
            if (AcceptLegacyState)
            {
                object restored = new LosFormatter().Deserialize(state);
                return Ok(restored.GetType().Name);
            }
            return BadRequest("legacy state is no longer accepted");
        }
    }
}
