using System.Web.Script.Serialization;
using System.Web.Mvc;

namespace LegacyShop.Controllers
{
    public class Preferences
    {
        public string Theme { get; set; }
        public int PageSize { get; set; }
    }

    public class PreferencesController : Controller
    {
        [HttpPost]
        public ActionResult Save(string payload)
        {
            var serializer = new JavaScriptSerializer(new SimpleTypeResolver());
            var prefs = serializer.Deserialize<Preferences>(payload);
            return Json(new { saved = prefs.Theme });
        }
    }
}
