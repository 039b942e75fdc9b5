using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace I18n.Controllers
{
    public class LocaleController : Controller
    {
        private static void RememberLocale(ISession session, string requested)
        {
            string locale;
            switch (requested)
            {
                case "de": locale = "de-DE"; break;
                case "fr": locale = "fr-FR"; break;
                default: locale = "en-US"; break;
            }
            session.SetString("Locale", locale);
        }

        [HttpPost("/locale")]
        public IActionResult Set([FromForm] string locale)
        {
            RememberLocale(HttpContext.Session, locale);
            return NoContent();
        }
    }
}
