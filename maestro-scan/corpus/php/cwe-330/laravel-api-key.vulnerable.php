<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class ApiKeyController extends Controller
{
    public function store(Request $request)
    {
        mt_srand(time());
        $plain = dechex(mt_rand()) . dechex(mt_rand()) . dechex(mt_rand());
        $request->user()->apiKeys()->create(['hash' => hash('sha256', $plain)]);
        return response()->json(['key' => $plain], 201);
    }
}
