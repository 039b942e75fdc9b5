<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class OutboundLinkController extends Controller
{
    public function go(Request $request)
    {
        $url = $request->query('url');
        $host = parse_url((string) $url, PHP_URL_HOST);
        if (!in_array($host, ['docs.example.com', 'status.example.com'], true)) {
            return redirect('/');
        }
        return redirect()->away($url);
    }
}
