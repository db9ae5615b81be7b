package dev.parley.app.video;

import dev.parley.engine.VideoFrame;
import java.nio.ByteBuffer;

/** A test frame of one flat colour, converted to BGRA as the engine's frames are. */
record FlatFrame(int width, int height, byte blue, byte green, byte red) implements VideoFrame {
    @Override
    public int rotation() {
        return 0;
    }

    @Override
    public long timestampNs() {
        return 0;
    }

    @Override
    public ByteBuffer dataY() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int strideY() {
        return width;
    }

    @Override
    public ByteBuffer dataU() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int strideU() {
        return width / 2;
    }

    @Override
    public ByteBuffer dataV() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int strideV() {
        return width / 2;
    }

    @Override
    public void toBgra(ByteBuffer target, int strideBytes) {
        for (int i = 0; i < width * height; i++) {
            target.put(i * 4, blue).put(i * 4 + 1, green).put(i * 4 + 2, red).put(i * 4 + 3, (byte) 255);
        }
    }

    @Override
    public void retain() {
    }

    @Override
    public void release() {
    }
}
