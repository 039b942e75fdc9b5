using Microsoft.AspNetCore.Mvc;

namespace Checkout.Controllers
{
    public class CompleteController : Controller
    {
        private string NextUrl()
        {
            string next = Request.Form["continue"];
            return string.IsNullOrWhiteSpace(next) ? "/orders" : next;
        }

        [HttpPost("/checkout/complete")]
        public IActionResult Complete()
        {
            return Redirect(NextUrl());
        }
    }
}
