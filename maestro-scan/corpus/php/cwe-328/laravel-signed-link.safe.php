<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class DownloadLinkController extends Controller
{
    public function create(Request $request, int $fileId)
    {
        $expires = now()->addHour()->timestamp;
        $signature = hash_hmac('sha256', $fileId . '|' . $expires, config('app.key'));
        return response()->json(['url' => url("/files/{$fileId}?expires={$expires}&sig={$signature}")]);
    }
}
