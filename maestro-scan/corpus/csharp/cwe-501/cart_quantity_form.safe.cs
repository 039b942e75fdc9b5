using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Controllers
{
    public class CartController : Controller
    {
        [HttpPost("/cart/items")]
        public IActionResult Add()
        {
            int sku = int.Parse(Request.Form["sku"]);
            int quantity = System.Math.Clamp(int.Parse(Request.Form["quantity"]), 1, 99);
            HttpContext.Session.SetInt32("cart:" + sku, quantity);
            return StatusCode(201);
        }
    }
}
