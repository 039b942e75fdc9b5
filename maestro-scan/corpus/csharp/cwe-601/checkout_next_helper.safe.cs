using Microsoft.AspNetCore.Mvc;

namespace Checkout.Controllers
{
    public class CompleteController : Controller
    {
        private string NextUrl()
        {
            string next = Request.Form["continue"];
            return Url.IsLocalUrl(next) ? next : "/orders";
        }

        [HttpPost("/checkout/complete")]
        public IActionResult Complete()
        {
            return Redirect(NextUrl());
        }
    }
}
