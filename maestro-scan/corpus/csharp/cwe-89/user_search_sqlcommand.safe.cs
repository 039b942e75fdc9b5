using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;

namespace Shop.Api.Controllers
{
    [ApiController]
    [Route("api/users")]
    public class UserSearchController : ControllerBase
    {
        private readonly string _connectionString;

        public UserSearchController(IConfiguration config)
        {
            _connectionString = config.GetConnectionString("Main");
        }

        [HttpGet("search")]
        public IActionResult Search([FromQuery] string name)
        {
            var emails = new List<string>();
            using (var conn = new SqlConnection(_connectionString))
            {
                conn.Open();
                var cmd = new SqlCommand("SELECT Email FROM Users WHERE Name = @name", conn);
                cmd.Parameters.AddWithValue("@name", name);
                using (var reader = cmd.ExecuteReader())
                {
                    while (reader.Read()) emails.Add(reader.GetString(0));
                }
            }
            return Ok(emails);
        }
    }
}
