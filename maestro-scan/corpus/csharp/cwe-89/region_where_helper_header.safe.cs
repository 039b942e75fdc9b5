using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;

namespace Stores.Api
{
    [ApiController]
    public class StoreCountController : ControllerBase
    {
        private readonly SqlConnection _conn;

        public StoreCountController(SqlConnection conn)
        {
            _conn = conn;
        }

        private static string WhereRegion()
        {
            return " WHERE Region = @region";
        }

        [HttpGet("api/stores/count")]
        public int Count([FromHeader(Name = "X-Region")] string region)
        {
            var cmd = new SqlCommand("SELECT COUNT(*) FROM Stores" + WhereRegion(), _conn);
            cmd.Parameters.AddWithValue("@region", region);
            _conn.Open();
            return (int)cmd.ExecuteScalar();
        }
    }
}
