using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace I18n.Controllers
{
    public class LocaleController : Controller
    {
        private static void RememberLocale(ISession session, string requested)
        {
            session.SetString("Locale", requested);
        }

        [HttpPost("/locale")]
        public IActionResult Set([FromForm] string locale)
        {
            RememberLocale(HttpContext.Session, locale);
            return NoContent();
        }
    }
}
