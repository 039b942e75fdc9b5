using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;

namespace Audit.Api
{
    [ApiController]
    public class AuditController : ControllerBase
    {
        private const bool LegacyQuery = false;
        private readonly SqlConnection _conn;

        public AuditController(SqlConnection conn)
        {
            _conn = conn;
        }

        [HttpGet("api/audit/mine")]
        public IActionResult Mine()
        {
            string workspace = Request.Cookies["workspace"];
            SqlCommand cmd;
            if (LegacyQuery)
            {
                cmd = new SqlCommand(string.Format("SELECT Action FROM AuditLog WHERE Workspace = '{0}'", workspace), _conn);
            }
            else
            {
                cmd = new SqlCommand("SELECT Action FROM AuditLog WHERE Workspace = @ws", _conn);
                cmd.Parameters.AddWithValue("@ws", workspace);
            }
            _conn.Open();
            var actions = new List<string>();
            using (var r = cmd.ExecuteReader()) { while (r.Read()) actions.Add(r.GetString(0)); }
            return Ok(actions);
        }
    }
}
