using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;

namespace Shop.Api.Controllers
{
    [ApiController]
    public class OrderStatusController : ControllerBase
    {
        private readonly SqlConnection _conn;

        public OrderStatusController(SqlConnection conn)
        {
            _conn = conn;
        }

        [HttpGet("api/orders/{id}/status")]
        public IActionResult Status(int id)
        {
            using (var cmd = _conn.CreateCommand())
            {
                cmd.CommandText = $"SELECT Status FROM Orders WHERE Id = {id}";
                _conn.Open();
                var status = cmd.ExecuteScalar() as string;
                return status == null ? (IActionResult)NotFound() : Ok(status);
            }
        }
    }
}
