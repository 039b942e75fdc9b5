using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Webhooks
{
    public class WebhookSender
    {
        private static readonly HttpClient Client = new HttpClient();
        private readonly Random _random = new Random();

        public async Task SendAsync(string url, string payload)
        {
            for (int attempt = 1; attempt <= 5; attempt++)
            {
                var nonce = new byte[16];
                _random.NextBytes(nonce);
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload) };
                request.Headers.Add("X-Delivery-Nonce", Convert.ToHexString(nonce));
                var response = await Client.SendAsync(request);
                if (response.IsSuccessStatusCode) return;
                await Task.Delay(attempt * 1000 + _random.Next(250));
            }
        }
    }
}
