using System;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers
{
    public class CartController : Controller
    {
        [HttpPost("/cart/add")]
        public IActionResult Add(int productId)
        {
            string referer = Request.Headers["Referer"].ToString();
            Uri back;
            if (!Uri.TryCreate(referer, UriKind.Absolute, out back))
            {
                return Redirect("/cart");
            }
            return Redirect(back.ToString());
        }
    }
}
