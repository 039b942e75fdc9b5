using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;

namespace Catalog.Api
{
    [ApiController]
    [Route("api/products")]
    public class ProductsController : ControllerBase
    {
        private static readonly HashSet<string> Sortable = new HashSet<string> { "Name", "Price", "CreatedAt" };
        private readonly SqlConnection _conn;

        public ProductsController(SqlConnection conn)
        {
            _conn = conn;
        }

        [HttpGet]
        public IActionResult List([FromQuery] string sort = "Name")
        {
            if (!Sortable.Contains(sort))
            {
                sort = "Name";
            }
            var names = new List<string>();
            var cmd = new SqlCommand("SELECT Name FROM Products ORDER BY " + sort, _conn);
            _conn.Open();
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read()) names.Add(r.GetString(0));
            }
            return Ok(names);
        }
    }
}
