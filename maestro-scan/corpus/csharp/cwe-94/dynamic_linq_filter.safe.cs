using System.Linq;
using System.Linq.Dynamic.Core;
using Microsoft.AspNetCore.Mvc;

namespace Orders.Controllers
{
    [ApiController]
    public class OrderFilterController : ControllerBase
    {
        private readonly OrdersContext _db;

        public OrderFilterController(OrdersContext db)
        {
            _db = db;
        }

        [HttpGet("api/orders/filter")]
        public IActionResult Filter([FromQuery] string minTotal)
        {
            var orders = _db.Orders.Where("Total > @0", decimal.Parse(minTotal)).ToList();
            return Ok(orders);
        }
    }
}
